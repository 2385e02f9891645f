import { useEffect, useRef, useState } from 'preact/hooks';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export interface FileDrop {
  /** True while files are dragged over the element. */
  active: boolean;
  /** Handlers to spread onto the element that takes the drop. */
  handlers: {
    onDragEnter(event: DragEvent): void;
    onDragOver(event: DragEvent): void;
    onDragLeave(event: DragEvent): void;
    onDrop(event: DragEvent): void;
  };
}

/**
 * Makes an element a drop target for files, while drags of text or links
 * pass through. While it is mounted, files dropped elsewhere on the page are
 * ignored, because the browser would otherwise replace the page with them.
 */
export function useFileDrop(onDrop: (files: File[]) => void): FileDrop {
  const [active, setActive] = useState(false);
  // Enter and leave fire for every child that the pointer crosses, so a count shows when it has left the element.
  const depth = useRef(0);

  useEffect(() => {
    const preventDropElsewhere = (event: DragEvent) => {
      if (carriesFiles(event) && !event.defaultPrevented) {
        event.preventDefault();
        if (event.dataTransfer !== null) {
          event.dataTransfer.dropEffect = 'none';
        }
      }
    };
    const reset = () => {
      depth.current = 0;
      setActive(false);
    };
    window.addEventListener('dragover', preventDropElsewhere);
    window.addEventListener('drop', preventDropElsewhere);
    window.addEventListener('dragend', reset);

    return () => {
      window.removeEventListener('dragover', preventDropElsewhere);
      window.removeEventListener('drop', preventDropElsewhere);
      window.removeEventListener('dragend', reset);
    };
  }, []);

  const handlers: FileDrop['handlers'] = {
    onDragEnter: (event) => {
      if (carriesFiles(event)) {
        event.preventDefault();
        depth.current += 1;
        setActive(true);
      }
    },
    onDragOver: (event) => {
      if (carriesFiles(event)) {
        event.preventDefault();
        if (event.dataTransfer !== null) {
          event.dataTransfer.dropEffect = 'copy';
        }
      }
    },
    onDragLeave: (event) => {
      if (carriesFiles(event)) {
        depth.current = Math.max(0, depth.current - 1);
        setActive(depth.current > 0);
      }
    },
    onDrop: (event) => {
      if (!carriesFiles(event)) {
        return;
      }
      event.preventDefault();
      depth.current = 0;
      setActive(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0) {
        onDrop(files);
      }
    },
  };

  return { active, handlers };
}
