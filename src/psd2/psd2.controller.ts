import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ForbiddenActionError } from '../common/errors/api-error.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { Endpoint } from '../common/routes/endpoint.decorator.js';
import { SolarisIdParam } from '../common/routes/id-params.js';
import {
  ChallengeDto,
  CreateChallengeDto,
  CreatedChallengeDto,
  UpdateChallengeDto,
} from './dto/psd2-challenge.dto.js';
import {
  ChallengeExpiredError,
  ChallengePersonMismatchError,
  ONLY_STAFF_OUTSIDE_SANDBOX,
  UNKNOWN_PERSON,
} from './psd2.errors.js';
import { PSD2_CHALLENGE } from './psd2.models.js';
import { Psd2Service } from './psd2.service.js';

const CHALLENGE_ID = 'The challenge id the TPP flow brought the customer with.';

@ApiTags('psd2')
@Controller('v1/psd2/challenges')
export class Psd2Controller {
  constructor(private readonly psd2: Psd2Service) {}

  @Post()
  @Idempotent()
  @Endpoint({
    summary: 'Open a PSD2 challenge, as a TPP login request does (staff; anyone in the sandbox)',
    errors: [UNKNOWN_PERSON(), new ForbiddenActionError(ONLY_STAFF_OUTSIDE_SANDBOX)],
  })
  async create(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateChallengeDto,
  ): Promise<CreatedChallengeDto> {
    return CreatedChallengeDto.from(await this.psd2.create(caller, dto));
  }

  @Get(':psd2_challenge_id')
  @Endpoint({ summary: 'Verify PSD2 challenge ID', errors: [new ChallengeExpiredError()] })
  async verify(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('psd2_challenge_id', PSD2_CHALLENGE, CHALLENGE_ID) id: string,
  ): Promise<ChallengeDto> {
    return ChallengeDto.from(await this.psd2.verify(caller, id));
  }

  @Patch(':psd2_challenge_id')
  @Idempotent()
  @Endpoint({
    summary: 'Update challenge ID: bind the logged-in person, get the 2FA redirect',
    errors: [new ChallengePersonMismatchError(), UNKNOWN_PERSON(), new ChallengeExpiredError()],
  })
  async update(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('psd2_challenge_id', PSD2_CHALLENGE, CHALLENGE_ID) id: string,
    @Body() dto: UpdateChallengeDto,
  ): Promise<ChallengeDto> {
    return ChallengeDto.from(await this.psd2.bind(caller, id, dto));
  }
}
