import { defineConfig } from 'prisma/config';

// Prisma CLI configuration. The URL matters only to `prisma migrate` on an online machine; client
// generation needs none, hence the harmless default.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://journey:journey@127.0.0.1:5432/journey' },
});
