import { addCartItem, checkout, clearCart, getCart, removeCartItem, setCartItem } from './cart-routes.js'
import {
  cancelOrder,
  changeOrderStatus,
  createOrder,
  deleteOrder,
  getOrder,
  listOrders,
  updateOrder,
} from './order-routes.js'
import { deleteProduct, getProduct, putProduct } from './product-routes.js'
import type { RouteDefinition } from './route.js'

/** Every endpoint of DESIGN §5 but the ops endpoints (the server's). */
export const ROUTES: readonly RouteDefinition[] = [
  getCart,
  addCartItem,
  setCartItem,
  removeCartItem,
  clearCart,
  checkout,
  createOrder,
  listOrders,
  getOrder,
  updateOrder,
  changeOrderStatus,
  cancelOrder,
  deleteOrder,
  getProduct,
  putProduct,
  deleteProduct,
] as RouteDefinition[]
