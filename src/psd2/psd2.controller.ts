import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import {
  ChallengeDto,
  CreateChallengeDto,
  CreatedChallengeDto,
  UpdateChallengeDto,
} from './dto/psd2-challenge.dto.js';
import { Psd2Service } from './psd2.service.js';

const CHALLENGE_ID = ApiParam({
  name: 'psd2_challenge_id',
  description: 'The challenge id the TPP flow brought the customer with.',
  example: '3f0c1e8b2a4d4c6e9b7a5d3c1e2f4a6bpsdc',
});
const EXPIRED = ApiResponse({
  status: 401,
  description: '`unauthorized_psd2_challenge`: the challenge expired ("Challenge expired.").',
});

@ApiTags('psd2')
@Controller('v1/psd2/challenges')
export class Psd2Controller {
  constructor(private readonly psd2: Psd2Service) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Open a PSD2 challenge, as a TPP login request does (staff; anyone in the sandbox)',
  })
  async create(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateChallengeDto,
  ): Promise<CreatedChallengeDto> {
    return CreatedChallengeDto.from(await this.psd2.create(caller, dto));
  }

  @Get(':psd2_challenge_id')
  @CHALLENGE_ID
  @EXPIRED
  @ApiOperation({ summary: 'Verify PSD2 challenge ID' })
  async verify(
    @CurrentUser() caller: Principal,
    @Param('psd2_challenge_id') id: string,
  ): Promise<ChallengeDto> {
    return ChallengeDto.from(await this.psd2.verify(caller, id));
  }

  @Patch(':psd2_challenge_id')
  @Idempotent()
  @CHALLENGE_ID
  @EXPIRED
  @ApiOperation({ summary: 'Update challenge ID: bind the logged-in person, get the 2FA redirect' })
  async update(
    @CurrentUser() caller: Principal,
    @Param('psd2_challenge_id') id: string,
    @Body() dto: UpdateChallengeDto,
  ): Promise<ChallengeDto> {
    return ChallengeDto.from(await this.psd2.bind(caller, id, dto));
  }
}
