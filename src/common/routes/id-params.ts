import { Param, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ModelNotFoundError } from '../errors/api-error.js';
import { isSolarisId, parseUuid, type SolarisModel, UUID_EXAMPLE } from '../ids/ids.js';
import { ApiErrorResponse } from '../openapi/error-response.decorator.js';

/** A path id of a Solaris model; anything else is that model's 404, before the handler runs. */
export class SolarisIdPipe implements PipeTransform<string, string> {
  constructor(private readonly model: SolarisModel) {}

  transform(value: string): string {
    if (!isSolarisId(value, this.model)) throw new ModelNotFoundError(this.model.name, value);
    return value;
  }
}

/** An `/api` uuid path id (hex or hyphenated), handed on in the stored, hyphenated form. */
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly model: string) {}

  transform(value: string): string {
    const id = parseUuid(value);
    if (!id) throw new ModelNotFoundError(this.model, value);
    return id;
  }
}

const NOT_VISIBLE = 'Unknown, or not visible to the caller.';
const UUID_FORMS = 'Hex uuid (hyphenated also accepted)';

/**
 * A method decorator applied from a parameter decorator: Swagger keeps a route's metadata on
 * the method, which parameter decorators receive only by name.
 */
function onMethod(decorator: MethodDecorator): ParameterDecorator {
  return (target, key) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, key!)!;
    decorator(target, key!, descriptor);
  };
}

/**
 * `@SolarisIdParam('id', PERSON) id: string`: the path parameter, checked to be an id of the
 * model (else the model's 404) and documented with its example, its 404 and `description`.
 */
export function SolarisIdParam(
  name: string,
  model: SolarisModel,
  description?: string,
): ParameterDecorator {
  const pipe = Param(name, new SolarisIdPipe(model));
  const docs = [
    onMethod(ApiParam({ name, type: String, example: model.example, description })),
    onMethod(ApiErrorResponse(new ModelNotFoundError(model.name, model.example), NOT_VISIBLE)),
  ];
  return (target, key, index) => {
    pipe(target, key, index);
    for (const doc of docs) doc(target, key, index);
  };
}

/**
 * `@ChildIdParam('question_id', QUESTION) id: string`: the id of a resource looked up within a
 * parent path id (`…/{question_set_id}/questions/{question_id}`), documented as SolarisIdParam
 * documents one but passed on as sent: the parent's 404, which the service's visibility rule
 * decides, comes first, so the service answers this model's 404 after it.
 */
export function ChildIdParam(name: string, model: SolarisModel): ParameterDecorator {
  const pipe = Param(name);
  const docs = [
    onMethod(ApiParam({ name, type: String, example: model.example })),
    onMethod(ApiErrorResponse(new ModelNotFoundError(model.name, model.example), NOT_VISIBLE)),
  ];
  return (target, key, index) => {
    pipe(target, key, index);
    for (const doc of docs) doc(target, key, index);
  };
}

/**
 * `@UuidParam('uuid', 'User') id: string`: an `/api` path uuid, parsed to its stored form (a
 * malformed one is a 404, as an unknown one is), documented with an example and the 404.
 */
export function UuidParam(name: string, model: string): ParameterDecorator {
  const pipe = Param(name, new UuidPipe(model));
  const docs = [
    onMethod(ApiParam({ name, type: String, example: UUID_EXAMPLE, description: UUID_FORMS })),
    onMethod(ApiErrorResponse(new ModelNotFoundError(model, UUID_EXAMPLE), NOT_VISIBLE)),
  ];
  return (target, key, index) => {
    pipe(target, key, index);
    for (const doc of docs) doc(target, key, index);
  };
}
