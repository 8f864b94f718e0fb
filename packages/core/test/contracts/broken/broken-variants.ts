import {
  describeCartRepositoryContract,
  describeEventPublisherContract,
  describeIdempotencyStoreContract,
  describeOrderRepositoryContract,
  describeProductCacheContract,
  describeProductRepositoryContract,
  describeProductSourceContract,
} from '@orders/contract-tests'
import { type InMemoryEventPublisher, inMemoryEventPublisher } from '../../../src/testing/index.js'
import { productSourceForgettingMissing, publisherDroppingBatches } from './flawed-messaging.js'
import {
  orderRepositoryPublishingOnClaim,
  orderRepositoryReportingFullOutboxAsStale,
  orderRepositoryWithCreatedAtCursor,
  orderRepositoryWithoutLease,
  orderRepositoryWithoutOutboxBound,
  orderRepositoryWithoutUniqueDedupeKey,
  orderRepositoryWithoutVersionCheck,
  orderRepositoryWithRacyVersionCheck,
} from './flawed-order-repositories.js'
import {
  cartRepositoryWithoutVersionCheck,
  flawedProductRepository,
  idempotencyStoreTakingOverForAnyRequest,
  idempotencyStoreWithoutExpiry,
  idempotencyStoreWithRacyClaim,
  idempotencyStoreWithUnscopedClaims,
  productCacheWithoutTtl,
  productCacheWithoutVersionCheck,
} from './flawed-stores.js'

/** The outbox-bound contract tests: an adapter without the bound, or one that reports it as a stale version, fails them. */
const OUTBOX_BOUND_TESTS = [
  'refuses an append to a full outbox with OutboxFullError, writing nothing, until events are published',
  'counts the events already waiting: a write that finds room appends all of its events',
  'lets only as many concurrent writers append as the outbox has room for',
]
export interface BrokenVariant {
  /** Also the contract's `name`: its tests are named `<variant> <Port> contract …`. */
  variant: string
  /** Titles of the tests that must fail because of the flaw. */
  mustFail: string[]
  register: (name: string) => void
}

const CACHE_TTL_SECONDS = 60

/** Deliberately broken in-memory adapters, each with the contract tests its flaw must fail. */
export const BROKEN_VARIANTS: BrokenVariant[] = [
  {
    variant: 'order-repository-without-version-check',
    mustFail: [
      'rejects a stale version and writes nothing',
      'lets exactly one of concurrent updates with the same expected version win',
    ],
    register: (name) =>
      describeOrderRepositoryContract({
        name,
        create: ({ clock }) => orderRepositoryWithoutVersionCheck(clock),
      }),
  },
  {
    variant: 'order-repository-with-racy-version-check',
    mustFail: ['lets exactly one of concurrent updates with the same expected version win'],
    register: (name) =>
      describeOrderRepositoryContract({
        name,
        create: ({ clock }) => orderRepositoryWithRacyVersionCheck(clock),
      }),
  },
  {
    variant: 'order-repository-without-unique-dedupe-key',
    mustFail: [
      'returns the existing order and writes nothing for a duplicate dedupe key',
      'creates exactly one of concurrent inserts with one dedupe key',
    ],
    register: (name) =>
      describeOrderRepositoryContract({
        name,
        create: ({ clock }) => orderRepositoryWithoutUniqueDedupeKey(clock, { checkFirst: false }),
      }),
  },
  {
    variant: 'order-repository-with-racy-dedupe-check',
    mustFail: ['creates exactly one of concurrent inserts with one dedupe key'],
    register: (name) =>
      describeOrderRepositoryContract({
        name,
        create: ({ clock }) => orderRepositoryWithoutUniqueDedupeKey(clock, { checkFirst: true }),
      }),
  },
  {
    variant: 'order-repository-publishing-on-claim',
    mustFail: [
      'hands the same events out again after a failed publish once the lease expires (at least once)',
    ],
    register: (name) =>
      describeOrderRepositoryContract({
        name,
        create: ({ clock }) => orderRepositoryPublishingOnClaim(clock),
      }),
  },
  {
    variant: 'order-repository-without-lease',
    mustFail: [
      'gives a leased order to no other claimer until the lease has run out',
      'never gives one order to two concurrent claimers',
    ],
    register: (name) =>
      describeOrderRepositoryContract({ name, create: ({ clock }) => orderRepositoryWithoutLease(clock) }),
  },
  {
    variant: 'order-repository-without-outbox-bound',
    mustFail: OUTBOX_BOUND_TESTS,
    register: (name) =>
      describeOrderRepositoryContract({
        name,
        create: ({ clock }) => orderRepositoryWithoutOutboxBound(clock),
      }),
  },
  {
    variant: 'order-repository-reporting-a-full-outbox-as-stale',
    mustFail: OUTBOX_BOUND_TESTS,
    register: (name) =>
      describeOrderRepositoryContract({
        name,
        create: ({ clock, maxPendingEvents }) =>
          orderRepositoryReportingFullOutboxAsStale(clock, maxPendingEvents),
      }),
  },
  {
    variant: 'order-repository-with-created-at-cursor',
    mustFail: ['pages with a cursor without duplicates or gaps while new orders arrive'],
    register: (name) =>
      describeOrderRepositoryContract({
        name,
        create: ({ clock }) => orderRepositoryWithCreatedAtCursor(clock),
      }),
  },
  {
    variant: 'cart-repository-without-version-check',
    mustFail: ['refuses to create a cart that already exists', 'rejects a stale version and writes nothing'],
    register: (name) =>
      describeCartRepositoryContract({ name, create: () => cartRepositoryWithoutVersionCheck() }),
  },
  {
    variant: 'product-repository-accepting-older-versions',
    mustFail: [
      'ignores an older version and returns the current state',
      'ignores an equal version even with other data',
      'ends at the highest version when versions arrive out of order',
      'keeps a tombstone against an older live update arriving late',
    ],
    register: (name) =>
      describeProductRepositoryContract({ name, create: () => flawedProductRepository('none') }),
  },
  {
    variant: 'product-repository-with-racy-upsert',
    mustFail: ['ends at version 20 when versions 1..20 race in random order'],
    register: (name) =>
      describeProductRepositoryContract({ name, create: () => flawedProductRepository('racy') }),
  },
  {
    variant: 'product-cache-without-ttl',
    mustFail: [
      'forgets an entry once its TTL has passed',
      'accepts any version again once the cached entry has expired',
    ],
    register: (name) =>
      describeProductCacheContract({
        name,
        ttlSeconds: CACHE_TTL_SECONDS,
        create: ({ clock }) => productCacheWithoutTtl(clock),
      }),
  },
  {
    variant: 'product-cache-without-version-check',
    mustFail: [
      'ignores an older or equal version',
      'keeps a cached tombstone against an older live update arriving late',
    ],
    register: (name) =>
      describeProductCacheContract({
        name,
        ttlSeconds: CACHE_TTL_SECONDS,
        create: ({ clock }) => productCacheWithoutVersionCheck(clock, CACHE_TTL_SECONDS),
      }),
  },
  {
    variant: 'idempotency-store-without-expiry',
    mustFail: [
      'keeps a record until it expires, then lets it be claimed again',
      'lets an abandoned in-progress record be claimed again once its lock has passed',
      'purges expired records only, at most `limit` per call',
    ],
    register: (name) =>
      describeIdempotencyStoreContract({ name, create: ({ clock }) => idempotencyStoreWithoutExpiry(clock) }),
  },
  {
    variant: 'idempotency-store-taking-over-for-any-request',
    mustFail: ['keeps an abandoned record from being taken over by another request under its key'],
    register: (name) =>
      describeIdempotencyStoreContract({
        name,
        create: ({ clock }) => idempotencyStoreTakingOverForAnyRequest(clock),
      }),
  },
  {
    variant: 'idempotency-store-with-racy-claim',
    mustFail: ['lets exactly one of concurrent claims win'],
    register: (name) =>
      describeIdempotencyStoreContract({ name, create: ({ clock }) => idempotencyStoreWithRacyClaim(clock) }),
  },
  {
    variant: 'idempotency-store-with-unscoped-claims',
    mustFail: [
      'completes and releases only the claim it is given',
      'keeps a takeover from being completed or released by the claim it replaced',
    ],
    register: (name) =>
      describeIdempotencyStoreContract({
        name,
        create: ({ clock }) => idempotencyStoreWithUnscopedClaims(clock),
      }),
  },
  {
    variant: 'event-publisher-dropping-batches',
    mustFail: ['delivers every event of a batch'],
    register: (name) => {
      let inner: InMemoryEventPublisher
      describeEventPublisherContract({
        name,
        create: () => {
          inner = inMemoryEventPublisher()
          return publisherDroppingBatches(inner)
        },
        received: async () => [...inner.published],
      })
    },
  },
  {
    variant: 'product-source-forgetting-missing-ids',
    mustFail: [
      'reports unknown ids as missing',
      'accounts for every requested id, as a product or as missing',
    ],
    register: (name) =>
      describeProductSourceContract({
        name,
        create: ({ catalog }) => productSourceForgettingMissing(catalog),
      }),
  },
]
