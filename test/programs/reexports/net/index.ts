export * from './tcp';
export { udp_blackhole as blackhole } from './udp';
export * as udp from './udp';
