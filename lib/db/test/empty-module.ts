// Stands in for packages that only refuse to load outside a server bundle (server-only).
export {};
