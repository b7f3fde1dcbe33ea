export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: React.ReactNode }) {
  return (
    <div className="mb-8 flex flex-wrap items-start justify-between gap-4">
      {/* min-w-0 and wrapping anywhere: a title may be one long word (a URL) on a phone. */}
      <div className="min-w-0 max-w-full [overflow-wrap:anywhere]">
        <h1 className="text-2xl font-bold text-stone-900">{title}</h1>
        {description && <p className="mt-1 max-w-2xl text-stone-700">{description}</p>}
      </div>
      {actions}
    </div>
  );
}
