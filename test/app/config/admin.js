// Development defaults only: a real site sets these from its own secrets.
module.exports = ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET', 'demo-admin-jwt-secret-change-me') },
  apiToken: { salt: env('API_TOKEN_SALT', 'demo-api-token-salt-change-me') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'demo-transfer-token-salt-change-me') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', 'demo-encryption-key-change-me-32b') },
  flags: { nps: false, promoteEE: false },
});
