export interface Address {
  name: string
  line1: string
  line2?: string
  city: string
  postalCode: string
  /** ISO-3166 alpha-2. */
  country: string
}
