import type { TextBlock } from '../../document/types';
import type { BlockDefinition } from '../types';
import { TextCanvas } from './TextCanvas';
import { TextInspector } from './TextInspector';

export const textBlock: BlockDefinition<TextBlock> = { kind: 'text', Canvas: TextCanvas, Inspector: TextInspector };
