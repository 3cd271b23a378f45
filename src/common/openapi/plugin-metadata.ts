import { RequestMethod, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { ApiResponse, SwaggerModule } from '@nestjs/swagger';

const API_RESPONSE_METADATA = 'swagger/apiResponse';

/** The default export of the file the Swagger plugin's metadata generator writes. */
export type PluginMetadata = Parameters<typeof SwaggerModule.loadPluginMetadata>[0];
type ControllerMetadata = [
  Promise<Record<string, Type>>,
  Record<string, Record<string, { type?: unknown }>>,
];

/**
 * Applies what the Swagger plugin read from the types (scripts/build.js generates it). Models are
 * loaded by Swagger itself; the response types it found in controllers' return types are not, so
 * they are applied here as the compile-time plugin would: the route's success status (its
 * `@HttpCode`, else 201 for POST and 200 otherwise) with that type, if any, unless the route
 * documents that status itself.
 */
export async function loadPluginMetadata(metadata: PluginMetadata): Promise<void> {
  await SwaggerModule.loadPluginMetadata(metadata);
  const { controllers = [] } = (await metadata())['@nestjs/swagger'] as {
    controllers?: ControllerMetadata[];
  };
  for (const [file, classes] of controllers) {
    const exported = await file;
    for (const [name, methods] of Object.entries(classes)) {
      const prototype = exported[name].prototype as Record<string, object>;
      for (const [method, { type }] of Object.entries(methods)) {
        const handler = prototype[method];
        const status =
          (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
          (Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? 201 : 200);
        const documented = Reflect.getMetadata(API_RESPONSE_METADATA, handler) as
          Record<string, unknown> | undefined;
        if (documented?.[status]) continue;
        const descriptor = Object.getOwnPropertyDescriptor(prototype, method)!;
        // No type (void, a stream): the status alone, as the compile-time plugin documents it.
        ApiResponse(type === undefined ? { status } : { status, type: type as Type })(
          prototype,
          method,
          descriptor,
        );
      }
    }
  }
}
