const { seedAdmin, seedDemoData } = require('./seed');

module.exports = {
  register() {},

  async bootstrap({ strapi }) {
    await seedAdmin(strapi);
    if (process.env.SEED_DEMO === 'true') await seedDemoData(strapi);
  },
};
