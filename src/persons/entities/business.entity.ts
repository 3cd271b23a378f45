import { Column, Entity } from 'typeorm';
import { CustomerColumns } from './customer-columns.js';

/** A legal entity a partner onboarded; `id` is the Solaris id (32 hex + `cbiz`). */
@Entity('businesses')
export class Business extends CustomerColumns {
  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  sector: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  legalForm: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  registrationType: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  registrationIssuer: string | null;

  @Column({ type: 'date', nullable: true })
  registrationDate: string | null;

  @Column({ type: 'date', nullable: true })
  foundationDate: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  taxCountry: string | null;
}
