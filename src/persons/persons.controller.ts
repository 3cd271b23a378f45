import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  UploadedFile,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DocumentUpload } from '../common/storage/document-upload.decorator.js';
import { requireUpload } from '../common/storage/file-storage.service.js';
import { CustomerDocumentsService } from './customer-documents.service.js';
import { CreateCustomerDocumentDto, CustomerDocumentDto } from './dto/customer-document.dto.js';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { SolarisPageQuery } from '../common/pagination/page.dto.js';
import { mapPage, type Page, solarisWindow } from '../common/pagination/page.js';
import { Paginated } from '../common/pagination/pagination.interceptor.js';
import { Endpoint } from '../common/routes/endpoint.decorator.js';
import { SolarisIdParam } from '../common/routes/id-params.js';
import { PERSON } from './customer.models.js';
import { CreatePersonDto } from './dto/create-person.dto.js';
import { PersonDto } from './dto/person.dto.js';
import { UpdateForDevelopmentDto } from './dto/update-for-development.dto.js';
import { PersonsService } from './persons.service.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';

@ApiTags('persons')
@Controller('v1/persons')
export class PersonsController {
  constructor(
    private readonly persons: PersonsService,
    private readonly documents: CustomerDocumentsService,
  ) {}

  @Post()
  @Idempotent()
  @Endpoint({ summary: 'Create a person owned by the calling partner' })
  async create(@CurrentUser() caller: Principal, @Body() dto: CreatePersonDto): Promise<PersonDto> {
    return PersonDto.from(await this.persons.create(caller, dto));
  }

  @Get()
  @Paginated(PersonDto)
  @Endpoint({ summary: "List the caller's persons, newest first (staff and support: all)" })
  async list(
    @CurrentUser() caller: Principal,
    @Query() query: SolarisPageQuery,
  ): Promise<Page<PersonDto>> {
    const page = await this.persons.list(caller, solarisWindow(query));
    return mapPage(page, (person) => PersonDto.from(person));
  }

  @Get(':id')
  @Endpoint({ summary: 'Retrieve a person' })
  async retrieve(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('id', PERSON) id: string,
  ): Promise<PersonDto> {
    return PersonDto.from(await this.persons.get(caller, id));
  }

  @Patch(':id/update_for_development')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @Endpoint({
    summary:
      "(Sandbox only) Update a person's AML follow-up date, AML confirmation date or birth city",
    sandboxOnly: true,
  })
  async updateForDevelopment(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('id', PERSON) id: string,
    @Body() dto: UpdateForDevelopmentDto,
  ): Promise<PersonDto> {
    return PersonDto.from(await this.persons.updateForDevelopment(caller, id, dto));
  }

  @Post(':id/documents')
  @Idempotent()
  @DocumentUpload(CreateCustomerDocumentDto)
  @Endpoint({ summary: 'Upload a document (PDF, PNG or JPEG) for a person' })
  async uploadDocument(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('id', PERSON) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: CreateCustomerDocumentDto,
  ): Promise<CustomerDocumentDto> {
    const upload = requireUpload(file);
    return CustomerDocumentDto.from(await this.documents.upload(caller, 'Person', id, dto, upload));
  }
}
