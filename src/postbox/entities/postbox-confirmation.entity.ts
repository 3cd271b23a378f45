import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { Person } from '../../persons/entities/person.entity.js';
import { PostboxItem } from './postbox-item.entity.js';

/** A person's confirmation of a Postbox item (`…pbxc`). */
@Entity('postbox_confirmations')
@Index(['itemId', 'confirmedAt', 'id'])
export class PostboxConfirmation {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  itemId: string;

  @ManyToOne(() => PostboxItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: PostboxItem;

  @Index()
  @Column({ type: 'varchar', length: 40 })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  confirmedAt: Date;
}
