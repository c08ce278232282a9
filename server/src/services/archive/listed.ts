/**
 * `public` as every read answers it: false for a row written before the field existed.
 * See docs/architecture.md, "Engagement" (View in browser and the archive).
 */
export function listed(campaign: { public?: boolean | null }): { public: boolean } {
  return { public: campaign.public === true };
}
