/**
 * The service and promotion registry: plain module state with no marker. Service modules
 * register themselves when imported; tests register promotions. The vnet suite virtualizes
 * this file with the plugin's `virtualize` option, so a new vnet starts from the registry as
 * it was once every service module had been imported.
 */
export interface Service {
  code: string;
  name: string;
  minutes: number;
  price: number;
  opens: number;
  closes: number;
  requires: string[];
}

export interface Promotion {
  name: string;
  apply(price: number, service: Service, day: Date): number;
}

const services = new Map<string, Service>();
const promotions: Promotion[] = [];

export function registerService(service: Service): Service {
  if (services.has(service.code)) throw new Error(`service ${service.code} registered twice`);
  services.set(service.code, service);
  return service;
}

export function getService(code: string): Service {
  const service = services.get(code);
  if (!service) throw new Error(`no service ${code}`);
  return service;
}

export function countServices(): number {
  return services.size;
}

export function registerPromotion(promotion: Promotion): void {
  promotions.push(promotion);
}

export function activePromotions(): readonly Promotion[] {
  return promotions;
}
