/**
 * The networks mj-social knows (mjml 5.4.1, mjml-social's defaultSocialNetworks) with the colour it gives
 * each icon: the canvas draws them as coloured pills instead of loading icons from MJML's CDN.
 */
export const NETWORKS: Record<string, { label: string; color: string }> = {
  facebook: { label: 'Facebook', color: '#3b5998' },
  x: { label: 'X', color: '#000000' },
  twitter: { label: 'Twitter', color: '#55acee' },
  instagram: { label: 'Instagram', color: '#3f729b' },
  linkedin: { label: 'LinkedIn', color: '#0077b5' },
  youtube: { label: 'YouTube', color: '#EB3323' },
  github: { label: 'GitHub', color: '#000000' },
  pinterest: { label: 'Pinterest', color: '#bd081c' },
  snapchat: { label: 'Snapchat', color: '#FFFA54' },
  tumblr: { label: 'Tumblr', color: '#344356' },
  vimeo: { label: 'Vimeo', color: '#53B4E7' },
  medium: { label: 'Medium', color: '#000000' },
  soundcloud: { label: 'SoundCloud', color: '#EF7F31' },
  dribbble: { label: 'Dribbble', color: '#D95988' },
  xing: { label: 'Xing', color: '#296366' },
  google: { label: 'Google', color: '#dc4e41' },
  web: { label: 'Web', color: '#4BADE9' },
};

/** `facebook-noshare` is Facebook with the link as written (no share URL around it). */
export const networkOf = (name: string | undefined) => NETWORKS[networkKey(name)];

/** The network a `name` stands for, with or without `-noshare`. */
export const networkKey = (name: string | undefined) => (name ?? '').replace(/-noshare$/, '');

/**
 * The `name` a Social links block writes: `<network>-noshare`, so the icon leads to the address typed.
 * mjml's plain `facebook`, `x`, `linkedin`, ... wrap it in the network's share URL (Facebook's sharer
 * with the address as the page to share), which is not what a "follow us" link means.
 */
export const linkName = (network: string) => `${network}-noshare`;
