/**
 * Ink: the colour mapping applied to everything drawn per frame. The style's pointwise grade is
 * baked into the pictures at the source — into the static layers' pixels once per shot, and
 * through Ink into every colour a moving thing is drawn with — so no frame needs a per-pixel
 * grade pass. Without a style it is the identity.
 */
export type Ink = (colour: string) => string;

export const plainInk: Ink = (colour) => colour;
