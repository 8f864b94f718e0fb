import type { Money } from './money.js'

/** The product data this service keeps a copy of (the `data` of a product event). */
export interface ProductData {
  productId: string
  name: string
  price: Money
  available: boolean
  stock?: number
  version: number
}

export interface Product extends ProductData {
  deleted: false
}

/** What remains of a deleted product: its id and the version of the deletion. */
export interface ProductTombstone {
  productId: string
  version: number
  deleted: true
}

/** A stored product: live, or a tombstone. Versions only move forward. */
export type ProductState = Product | ProductTombstone

export function productFromData(data: ProductData): Product {
  const product: Product = {
    productId: data.productId,
    name: data.name,
    price: { amount: data.price.amount, currency: data.price.currency },
    available: data.available,
    version: data.version,
    deleted: false,
  }
  if (data.stock !== undefined) product.stock = data.stock
  return product
}

export function tombstone(productId: string, version: number): ProductTombstone {
  return { productId, version, deleted: true }
}

/** The version rule of DESIGN §6: a state applies only over a strictly older one. */
export function isNewer(candidate: ProductState, current: ProductState | null | undefined): boolean {
  return !current || candidate.version > current.version
}

/** The public shape of a live product (no `deleted` flag). */
export function productView(product: Product): ProductData {
  const { deleted: _deleted, ...data } = product
  return data
}
