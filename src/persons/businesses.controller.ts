import { Body, Controller, Get, UploadedFile, Post, Query } from '@nestjs/common';
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
import { BusinessesService } from './businesses.service.js';
import { BUSINESS } from './customer.models.js';
import { BusinessDto } from './dto/business.dto.js';
import { CreateBusinessDto } from './dto/create-business.dto.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';

@ApiTags('businesses')
@Controller('v1/businesses')
export class BusinessesController {
  constructor(
    private readonly businesses: BusinessesService,
    private readonly documents: CustomerDocumentsService,
  ) {}

  @Post()
  @Idempotent()
  @Endpoint({ summary: 'Create a business owned by the calling partner' })
  async create(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateBusinessDto,
  ): Promise<BusinessDto> {
    return BusinessDto.from(await this.businesses.create(caller, dto));
  }

  @Get()
  @Paginated(BusinessDto)
  @Endpoint({ summary: "List the caller's businesses, newest first (staff and support: all)" })
  async list(
    @CurrentUser() caller: Principal,
    @Query() query: SolarisPageQuery,
  ): Promise<Page<BusinessDto>> {
    const page = await this.businesses.list(caller, solarisWindow(query));
    return mapPage(page, (business) => BusinessDto.from(business));
  }

  @Get(':id')
  @Endpoint({ summary: 'Retrieve a business' })
  async retrieve(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('id', BUSINESS) id: string,
  ): Promise<BusinessDto> {
    return BusinessDto.from(await this.businesses.get(caller, id));
  }

  @Post(':id/documents')
  @Idempotent()
  @DocumentUpload(CreateCustomerDocumentDto)
  @Endpoint({ summary: 'Upload a document (PDF, PNG or JPEG) for a business' })
  async uploadDocument(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('id', BUSINESS) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: CreateCustomerDocumentDto,
  ): Promise<CustomerDocumentDto> {
    const upload = requireUpload(file);
    return CustomerDocumentDto.from(
      await this.documents.upload(caller, 'Business', id, dto, upload),
    );
  }
}
