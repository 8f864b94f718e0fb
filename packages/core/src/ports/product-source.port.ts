import type { ProductData } from '../domain/product.js'

export interface ProductSourceResult {
  products: ProductData[]
  /** Ids the source does not know: PRODUCT_NOT_FOUND. */
  missing: string[]
}

/** The authoritative remote source of product data (ProductService). */
export interface ProductSource {
  /**
   * Looks the ids up remotely. Every requested id is in `products` or `missing`.
   * Throws DEPENDENCY_UNAVAILABLE on timeout or when no responder is reachable.
   */
  fetch(productIds: readonly string[]): Promise<ProductSourceResult>
}
