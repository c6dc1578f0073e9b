import type { ReactNode } from "react";
import { type Block, type Inline, parseMarkdown } from "../lib/notes-markdown.js";

type HeadingTag = "h2" | "h3" | "h4" | "h5" | "h6";

/**
 * People's markdown (release notes, announcements) as React elements: the text is never HTML.
 * The markdown's highest heading becomes `topHeading`, so the page's outline stays intact.
 */
export function NotesMarkdown(props: {
  markdown: string;
  topHeading?: 2 | 3 | 4 | 5;
  className?: string;
  empty?: ReactNode;
}) {
  const blocks = parseMarkdown(props.markdown);
  if (blocks.length === 0) return <>{props.empty ?? null}</>;
  const levels = blocks.flatMap((b) => (b.kind === "heading" ? [b.level] : []));
  const shift = (props.topHeading ?? 4) - Math.min(...levels, 6);
  return (
    <div className={`notes-markdown ${props.className ?? ""}`.trim()}>
      {blocks.map((block, index) => (
        // Blocks have no identity beyond their place; the list is rebuilt when the text changes.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <BlockView key={index} block={block} shift={shift} />
      ))}
    </div>
  );
}

function BlockView({ block, shift }: { block: Block; shift: number }) {
  switch (block.kind) {
    case "heading": {
      const Tag = `h${Math.min(Math.max(block.level + shift, 2), 6)}` as HeadingTag;
      return (
        <Tag>
          <Inlines nodes={block.children} />
        </Tag>
      );
    }
    case "paragraph":
      return (
        <p>
          <Inlines nodes={block.children} />
        </p>
      );
    case "list": {
      const items = block.items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: items are positional
        <li key={index}>
          <Inlines nodes={item} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case "quote":
      return (
        <blockquote>
          <Inlines nodes={block.children} />
        </blockquote>
      );
    case "code":
      return (
        <pre>
          <code>{block.text}</code>
        </pre>
      );
    case "rule":
      return <hr />;
  }
}

function Inlines({ nodes }: { nodes: Inline[] }) {
  return (
    <>
      {nodes.map((node, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: inline runs are positional
        <InlineView key={index} node={node} />
      ))}
    </>
  );
}

function InlineView({ node }: { node: Inline }) {
  switch (node.kind) {
    case "text":
      return <>{node.text}</>;
    case "code":
      return <code>{node.text}</code>;
    case "strong":
      return (
        <strong>
          <Inlines nodes={node.children} />
        </strong>
      );
    case "em":
      return (
        <em>
          <Inlines nodes={node.children} />
        </em>
      );
    case "link":
      return (
        <a href={node.href} rel="noopener noreferrer nofollow" target="_blank">
          <Inlines nodes={node.children} />
        </a>
      );
  }
}
