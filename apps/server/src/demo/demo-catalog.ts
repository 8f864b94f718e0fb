import type { ProductData } from '@orders/core'

/** Loaded at start when DEMO_CATALOG is on (default with in-memory storage), at version 1. */
export const DEMO_CATALOG: readonly ProductData[] = [
  {
    productId: 'espresso-beans',
    name: 'Espresso beans 1 kg',
    price: { amount: 1890, currency: 'EUR' },
    available: true,
    stock: 120,
    version: 1,
  },
  {
    productId: 'green-tea',
    name: 'Sencha green tea 100 g',
    price: { amount: 650, currency: 'EUR' },
    available: true,
    stock: 300,
    version: 1,
  },
  {
    productId: 'moka-pot',
    name: 'Moka pot, 6 cups',
    price: { amount: 3499, currency: 'EUR' },
    available: true,
    stock: 25,
    version: 1,
  },
  {
    productId: 'milk-frother',
    name: 'Milk frother',
    price: { amount: 2450, currency: 'EUR' },
    available: false,
    stock: 0,
    version: 1,
  },
]
