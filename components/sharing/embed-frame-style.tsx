/** Inside another site's frame, that site shows through around the card (React hoists this to <head>). */
export function EmbedFrameStyle() {
  return <style href="laurel-embed-frame" precedence="default">{"body{background:transparent;min-height:0}"}</style>;
}
