import type { SocialBlock } from '../../document/types';
import type { BlockDefinition } from '../types';
import { SocialCanvas } from './SocialCanvas';
import { SocialInspector } from './SocialInspector';

export const socialBlock: BlockDefinition<SocialBlock> = {
  kind: 'social',
  Canvas: SocialCanvas,
  Inspector: SocialInspector,
};
