import type { ImageBlock } from '../../document/types';
import type { BlockDefinition } from '../types';
import { ImageCanvas } from './ImageCanvas';
import { ImageInspector } from './ImageInspector';

export const imageBlock: BlockDefinition<ImageBlock> = {
  kind: 'image',
  Canvas: ImageCanvas,
  Inspector: ImageInspector,
};
