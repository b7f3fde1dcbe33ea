export function EmptyState({
  title,
  description,
  icon,
  children,
}: {
  title: string;
  description: string;
  icon?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <div className="rounded-xl border-2 border-dashed border-stone-300 bg-white px-6 py-12 text-center">
      {icon && <div className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-700" aria-hidden="true">{icon}</div>}
      <h2 className="text-lg font-semibold text-stone-900">{title}</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-stone-600">{description}</p>
      {children && <div className="mt-6 flex justify-center gap-3">{children}</div>}
    </div>
  );
}
