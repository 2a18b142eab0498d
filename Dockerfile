# One image for the API and the worker: `node dist/api/main.js` or `node dist/workers/main.js`.
# Node.js 24, a maintained LTS (security fixes until April 2028); Node 20 reached its end of life in
# April 2026. Pin the base by digest where the image can be pulled (docs/production.md).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./
COPY --from=build /app/prisma/migrations ./dist/prisma/migrations
USER node
CMD ["node", "dist/api/main.js"]
