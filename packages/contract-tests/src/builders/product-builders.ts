import { type Product, type ProductData, type ProductTombstone, productView, tombstone } from '@orders/core'
import { uniqueId } from './unique-id.js'

/**
 * A live product state (version 1) with a unique id. It is also valid `ProductData`.
 * @example
 * const product = aProduct({ version: 4, price: { amount: 450, currency: 'EUR' } })
 */
export function aProduct(overrides: Partial<Omit<Product, 'deleted'>> = {}): Product {
  return {
    productId: uniqueId('product'),
    name: 'Espresso beans 1 kg',
    price: { amount: 1999, currency: 'EUR' },
    available: true,
    version: 1,
    ...overrides,
    deleted: false,
  }
}

/** The data of a product event (no `deleted` flag), as ProductService sends it. */
export function aProductData(overrides: Partial<ProductData> = {}): ProductData {
  return productView(aProduct(overrides))
}

/** What a `product.deleted` event leaves behind. */
export function aTombstone(overrides: Partial<Omit<ProductTombstone, 'deleted'>> = {}): ProductTombstone {
  return tombstone(overrides.productId ?? uniqueId('product'), overrides.version ?? 1)
}
