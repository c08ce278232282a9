import type { EntriesNode } from '../../document/types';
import type { BlockDefinition } from '../types';
import { EntriesCanvas } from './EntriesCanvas';
import { EntriesInspector } from './EntriesInspector';

export const entriesBlock: BlockDefinition<EntriesNode> = {
  kind: 'entries',
  Canvas: EntriesCanvas,
  Inspector: EntriesInspector,
};
