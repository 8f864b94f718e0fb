import { type ProductApplyResult, productView, validationFailed } from '@orders/core'
import { DeleteProductQuery, ProductParams, PutProductBody } from '../schemas/requests.js'
import { Product, StoredProduct } from '../schemas/responses.js'
import { defineRoute, type RouteResponse } from './route.js'

export const getProduct = defineRoute({
  method: 'GET',
  path: '/products/:productId',
  operationId: 'getProduct',
  summary: "The service's current copy of a product (404 if deleted)",
  tag: 'products',
  params: ProductParams,
  success: [{ status: 200, description: 'the product', schema: Product }],
  errors: [],
  handle: async (service, { params }) => ({
    status: 200,
    body: await service.products.get(params.productId),
  }),
})

export const putProduct = defineRoute({
  method: 'PUT',
  path: '/products/:productId',
  operationId: 'putProduct',
  summary: 'Versioned upsert, the same as a product event (admin or service)',
  tag: 'products',
  params: ProductParams,
  privileged: true,
  body: PutProductBody,
  success: [
    {
      status: 200,
      description: 'the product as stored: this one, or a newer stored copy',
      schema: StoredProduct,
    },
  ],
  errors: ['FORBIDDEN'],
  handle: async (service, { actor, params, body }) => {
    if (body.productId !== undefined && body.productId !== params.productId) {
      throw validationFailed([{ path: 'productId', message: 'must equal the path parameter' }])
    }
    const result = await service.products.put({ actor, product: { ...body, productId: params.productId } })
    return { status: 200, body: storedCopy(result) }
  },
})

export const deleteProduct = defineRoute({
  method: 'DELETE',
  path: '/products/:productId',
  operationId: 'deleteProduct',
  summary: 'Delete with a version, the same as a product.deleted event (admin or service)',
  tag: 'products',
  params: ProductParams,
  privileged: true,
  query: DeleteProductQuery,
  success: [
    { status: 204, description: 'deleted (a tombstone with this version is stored)' },
    { status: 200, description: 'not newer than the stored copy, which is answered', schema: StoredProduct },
  ],
  errors: ['FORBIDDEN'],
  handle: async (service, { actor, params, query }): Promise<RouteResponse> => {
    const result = await service.products.remove({
      actor,
      productId: params.productId,
      version: query.version,
    })
    return result.applied ? { status: 204 } : { status: 200, body: storedCopy(result) }
  },
})

/** A live product in its wire shape, or `{ productId, version, deleted: true }` for a tombstone. */
function storedCopy(result: ProductApplyResult): unknown {
  return result.current.deleted ? result.current : productView(result.current)
}
