/**
 * The render worker: what may run long or allocate much, off the thread that serves the site.
 * Phase 1, the MJML compile and the sample render run here, in a thread with its own heap limit,
 * stopped from outside when it takes too long (render-pool.ts). This file is its own entry in
 * package.json `exports` (`./render-worker`), so `strapi-plugin build` emits it as
 * dist/render-worker/index.js. See docs/architecture.md, "Composing".
 */
import { compileCampaign, type CampaignSource, type CompileResult } from '.';
import { sampleRender, type SampleInput, type SampleRender } from './sample-render';

export function compile(source: CampaignSource): Promise<CompileResult> {
  return compileCampaign(source);
}

export function sample(input: SampleInput): Promise<SampleRender> {
  return sampleRender(input);
}
