export type Store = typeof import('./store');
export declare function loadStore(): Promise<Store>;
