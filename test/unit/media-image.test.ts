import { describe, expect, it } from 'vitest';
import { absoluteUrl, mjImage, pickFormat, type MediaAsset } from '../../admin/src/utils/mediaImage';

const photo: MediaAsset = {
  url: '/uploads/harbour.jpg',
  name: 'harbour.jpg',
  alternativeText: 'A harbour at dawn',
  width: 2400,
  formats: {
    thumbnail: { url: '/uploads/thumbnail_harbour.jpg', width: 156 },
    small: { url: '/uploads/small_harbour.jpg', width: 500 },
    medium: { url: '/uploads/medium_harbour.jpg', width: 750 },
    large: { url: '/uploads/large_harbour.jpg', width: 1000 },
  },
};

describe('an image of the Media Library in a campaign', () => {
  it('takes the smallest format twice as wide as it is shown, else the original', () => {
    expect(pickFormat(photo, 150).url).toBe('/uploads/small_harbour.jpg');
    expect(pickFormat(photo, 300).url).toBe('/uploads/medium_harbour.jpg');
    expect(pickFormat(photo, 600).url).toBe('/uploads/harbour.jpg');
    expect(pickFormat({ ...photo, formats: null }, 150).url).toBe('/uploads/harbour.jpg');
  });

  it('makes local uploads absolute with the public URL and keeps a provider address', () => {
    expect(absoluteUrl('/uploads/a.png', 'https://example.com/')).toBe('https://example.com/uploads/a.png');
    expect(absoluteUrl('https://cdn.example.net/a.png', 'https://example.com')).toBe('https://cdn.example.net/a.png');
  });

  it('writes an mj-image with its alt text, escaped, at most as wide as the file', () => {
    const tag = mjImage(photo, { width: 300, alt: 'Boats "at" dawn', publicUrl: 'http://127.0.0.1:1337' });
    expect(tag).toBe(
      '<mj-image src="http://127.0.0.1:1337/uploads/medium_harbour.jpg" alt="Boats &quot;at&quot; dawn" width="300px" />\n',
    );
    const small = { ...photo, width: 120, formats: {} };
    expect(mjImage(small, { width: 600, alt: '', publicUrl: 'http://x' })).toContain('width="120px"');
  });
});
