# syntax=docker/dockerfile:1
# confluence-next as a container (docs/operations.md "Container"): built from this repository,
# run as a non-root user on a read-only root filesystem. test/package/install.test.ts reproduces
# the install step without Docker (pack, unpack, production dependencies only, serve).

# Build stage: dev dependencies, the bundle, then the package as `npm pack` ships it, installed
# with production dependencies only (the native addon compiled here, for this Node).
FROM node:24-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm rebuild esbuild && node scripts/build.mjs && npm pack --ignore-scripts --pack-destination /tmp
WORKDIR /app
RUN tar -xzf /tmp/confluence-next-*.tgz --strip-components=1 \
  && cp /src/package-lock.json . \
  && npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force

# Run stage: the installed package and Node, nothing else.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    LOG_LEVEL=info
COPY --from=build --chown=root:root /app /app
# DATA_DIR holds the SQLite store and a generated master key when Redis and
# CONFLUENCE_NEXT_MASTER_KEY are not set; the server writes nowhere else.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
WORKDIR /app
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop, Kubernetes) drains: new requests get 503 while in-flight calls finish.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/bin/confluence-next.js"]
CMD ["serve", "--workspace", "/app"]
