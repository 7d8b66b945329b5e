/** The pack that ships with Summit Lens: the 2025 summit story. It can be disabled, never removed. */
export const BUNDLED_PACK_ID = 'summit-2025';
