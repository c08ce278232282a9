import { Box } from '@strapi/design-system';

const RENDER_WIDTH = 600;
const SCALE = 0.4;

/** A template's sample render drawn at 600 px and scaled down; `sandbox=""`: no script runs. */
export const TemplateThumbnail = ({ html, title }: { html: string; title: string }) => (
  <Box
    background="neutral100"
    hasRadius
    style={{ width: RENDER_WIDTH * SCALE, height: 300, overflow: 'hidden', position: 'relative' }}
  >
    <iframe
      title={title}
      sandbox=""
      srcDoc={html}
      tabIndex={-1}
      aria-hidden
      style={{
        width: RENDER_WIDTH,
        height: 300 / SCALE,
        border: 0,
        transform: `scale(${SCALE})`,
        transformOrigin: '0 0',
        pointerEvents: 'none',
        background: '#fff',
      }}
    />
  </Box>
);
