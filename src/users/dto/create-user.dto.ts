import { IsBoolean, IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateUserDto {
  /** Letters, digits and @/./+/-/_ only. @example "jane.applicant" */
  @IsString()
  @MaxLength(150)
  @Matches(/^[\w.@+-]+$/, {
    message: 'Enter a valid username: letters, digits and @/./+/-/_ only.',
  })
  username: string;

  /** @example "jane@example.com" */
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /** @example "Jane Applicant" */
  @IsOptional()
  @IsString()
  @MaxLength(150)
  full_name?: string;

  /** @example false */
  @IsOptional()
  @IsBoolean()
  is_staff?: boolean;

  /** @example false */
  @IsOptional()
  @IsBoolean()
  is_support?: boolean;
}
