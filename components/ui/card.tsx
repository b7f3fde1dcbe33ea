import { cn } from "./cn";

export function Card({ className, children }: { className?: string; children: React.ReactNode }) {
  return <section className={cn("rounded-xl border border-stone-200 bg-white p-6 shadow-sm", className)}>{children}</section>;
}

export function CardHeader({ title, description, id }: { title: string; description?: string; id?: string }) {
  return (
    <header className="mb-4">
      <h2 id={id} className="text-lg font-semibold text-stone-900">{title}</h2>
      {description && <p className="mt-1 text-sm text-stone-600">{description}</p>}
    </header>
  );
}
