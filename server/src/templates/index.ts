/** The starter templates every site has: a newsletter, an announcement, a digest of articles. */
import { announcement } from './announcement';
import { digest } from './digest';
import { newsletter } from './newsletter';

export interface StarterTemplate {
  key: string;
  name: string;
  subject: string;
  preheader: string;
  mjml: string;
}

export const STARTER_TEMPLATES: readonly StarterTemplate[] = [newsletter, announcement, digest];
