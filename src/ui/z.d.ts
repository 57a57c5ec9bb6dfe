export declare const z = 1;
