#!/bin/sh
# Stand-in for Prisma's native schema engine (see prisma.config.ts). This machine cannot
# download it; `prisma generate` never runs it. Migrations: npm run db:migrate -- dev|deploy|status.
echo "Prisma's native schema engine is not installed (offline). Use: npm run db:migrate -- dev --name <name> | deploy | status | reset --force" >&2
exit 1
