"use client";

import { useState } from "react";

/** Copy-to-clipboard and download buttons for a value the customer must publish exactly. */
export function CopyText({ text, label, fileName }: { text: string; label: string; fileName?: string }) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("done");
    } catch {
      setCopied("failed");
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName ?? "value.txt";
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => void copy()}
        className="rounded border border-slate-300 px-2 py-1 text-xs font-semibold hover:bg-slate-50"
        aria-label={`Copy ${label}`}
      >
        Copy
      </button>
      {fileName ? (
        <button
          type="button"
          onClick={download}
          className="rounded border border-slate-300 px-2 py-1 text-xs font-semibold hover:bg-slate-50"
          aria-label={`Download ${label} as ${fileName}`}
        >
          Download file
        </button>
      ) : null}
      <span role="status" className="text-xs text-slate-600">
        {copied === "done" ? "Copied" : copied === "failed" ? "Copy failed: select the text and copy it" : ""}
      </span>
    </span>
  );
}
