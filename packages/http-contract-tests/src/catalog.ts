import type { ProductData } from '@orders/core'

const eur = (amount: number) => ({ amount, currency: 'EUR' })

/** Products the suite names; every server under test must start with `CONTRACT_CATALOG`. */
export const PRODUCTS = {
  tea: 'p-tea',
  mug: 'p-mug',
  kettle: 'p-kettle',
  /** Known but not available. */
  soldOut: 'p-sold-out',
  /** Priced in USD: mixing it into a EUR cart is CURRENCY_MISMATCH. */
  dollar: 'p-dollar',
  /** Not in the catalog at all. */
  unknown: 'p-unknown',
} as const

/** `bulk-001` … `bulk-110`: enough distinct products to pass the 100-line cart limit. */
export const bulkProductId = (n: number) => `bulk-${String(n).padStart(3, '0')}`

/**
 * The demo catalog the simulated ProductService knows:
 * `inMemoryAdapters({ catalog: CONTRACT_CATALOG })`.
 */
export const CONTRACT_CATALOG: readonly ProductData[] = [
  { productId: PRODUCTS.tea, name: 'Green tea', price: eur(450), available: true, stock: 40, version: 1 },
  { productId: PRODUCTS.mug, name: 'Mug', price: eur(1250), available: true, version: 1 },
  { productId: PRODUCTS.kettle, name: 'Kettle', price: eur(3990), available: true, version: 1 },
  { productId: PRODUCTS.soldOut, name: 'Teapot', price: eur(2500), available: false, version: 1 },
  {
    productId: PRODUCTS.dollar,
    name: 'Imported tea',
    price: { amount: 900, currency: 'USD' },
    available: true,
    version: 1,
  },
  ...Array.from({ length: 110 }, (_, i) => ({
    productId: bulkProductId(i + 1),
    name: `Bulk item ${i + 1}`,
    price: eur(100 + i),
    available: true,
    version: 1,
  })),
]
