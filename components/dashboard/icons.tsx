// Small inline icons (stroke, currentColor) so the dashboard needs no icon font.
const base = { fill: "none", stroke: "currentColor", strokeWidth: 1.8, strokeLinecap: "round", strokeLinejoin: "round" } as const;

const icon = (d: string) =>
  function Icon() {
    return (
      <svg viewBox="0 0 24 24" className="h-5 w-5" {...base}>
        <path d={d} />
      </svg>
    );
  };

export const HomeIcon = icon("M3 11l9-8 9 8M5 10v10h14V10");
export const BadgeIcon = icon("M12 2l7 4v6c0 5-3 8-7 10-4-2-7-5-7-10V6z M9 12l2 2 4-4");
export const SendIcon = icon("M22 2L11 13 M22 2l-7 20-4-9-9-4z");
export const ListIcon = icon("M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01");
export const ChartIcon = icon("M3 3v18h18 M7 15l4-4 3 3 5-6");
export const UsersIcon = icon("M17 21v-2a4 4 0 00-4-4H7a4 4 0 00-4 4v2 M10 7a4 4 0 11-8 0 4 4 0 018 0z M21 21v-2a4 4 0 00-3-3.9 M16 3.1a4 4 0 010 7.8");
export const KeyIcon = icon("M15 7a4 4 0 11-4 4 M11 11l-8 8v3h3l1-1v-2h2v-2h2l2-2");
export const CardIcon = icon("M2 6h20v12H2z M2 10h20");
export const CogIcon = icon("M12 15a3 3 0 100-6 3 3 0 000 6z M19.4 15a1.7 1.7 0 00.3 1.8l.1.1a2 2 0 11-2.8 2.8l-.1-.1a1.7 1.7 0 00-2.9 1.2V21a2 2 0 11-4 0v-.1a1.7 1.7 0 00-2.9-1.2l-.1.1a2 2 0 11-2.8-2.8l.1-.1a1.7 1.7 0 00-1.2-2.9H3a2 2 0 110-4h.1a1.7 1.7 0 001.2-2.9l-.1-.1a2 2 0 112.8-2.8l.1.1a1.7 1.7 0 002.9-1.2V3a2 2 0 114 0v.1a1.7 1.7 0 002.9 1.2l.1-.1a2 2 0 112.8 2.8l-.1.1a1.7 1.7 0 001.2 2.9H21a2 2 0 110 4h-.1a1.7 1.7 0 00-1.5 1z");
export const InboxIcon = icon("M22 12h-6l-2 3h-4l-2-3H2 M5.5 5h13L22 12v7H2v-7z");
/** Saved groups: three people in a row. */
export const GroupIcon = icon("M12 11a3 3 0 100-6 3 3 0 000 6z M5 13a2.5 2.5 0 100-5 2.5 2.5 0 000 5z M19 13a2.5 2.5 0 100-5 2.5 2.5 0 000 5z M6 20v-1a6 6 0 0112 0v1 M1 19v-.5A3.5 3.5 0 014.5 15 M23 19v-.5A3.5 3.5 0 0019.5 15");
export const LadderIcon = icon("M7 2v20 M17 2v20 M7 6h10 M7 11h10 M7 16h10");
/** Webhooks: a signal leaving along a line. */
export const HookIcon = icon("M4 12h9 M10 8l4 4-4 4 M18 5a9 9 0 010 14 M15.5 8a5 5 0 010 8");
