import type { Service } from '../registry.js';

/** A service module as the catalog imports it: its registered service and its own label. */
export interface ServiceModule {
  service: Service;
  label(day: Date): string;
}

/** A group of ten services that one test file covers. */
export interface Area {
  id: string;
  services: ServiceModule[];
}
