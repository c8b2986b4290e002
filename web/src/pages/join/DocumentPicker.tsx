import { CloseOutlined, FileImageOutlined, FilePdfOutlined, PaperClipOutlined } from '../../shop/components/icons';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../lib/bytes';
import { addDocuments, DOCUMENT_ACCEPT, documentType, MAX_APPLICATION_DOCUMENTS, type DocumentProblem } from './join-documents';

/** The documents of an application, 1 to 3, checked for type and size as they are picked. */
export function DocumentPicker({ value = [], onChange, disabled }: { value?: File[]; onChange?: (files: File[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<DocumentProblem[]>([]);

  const pick = (list: FileList | null) => {
    const { files, problems: refused } = addDocuments(value, [...(list ?? [])]);
    setProblems(refused);
    onChange?.(files);
    // the same file may be picked again after being removed
    if (input.current) input.current.value = '';
  };

  const remove = (file: File) => {
    setProblems([]);
    onChange?.(value.filter((f) => f !== file));
  };

  return (
    <div className="join-docs" data-testid="join-documents">
      {value.length > 0 && (
        <ul className="join-doc-list">
          {value.map((f) => (
            <li key={`${f.name}:${f.size}:${f.lastModified}`} className="join-doc">
              {documentType(f) === 'application/pdf' ? (
                <FilePdfOutlined className="join-doc-icon pdf" />
              ) : (
                <FileImageOutlined className="join-doc-icon image" />
              )}
              <span className="join-doc-text">
                <span className="join-doc-name">{f.name}</span>
                <span className="join-doc-size">{formatBytes(f.size)}</span>
              </span>
              <button
                type="button"
                className="join-doc-remove"
                onClick={() => remove(f)}
                disabled={disabled}
                aria-label={t('join.removeDocument', { name: f.name })}
              >
                <CloseOutlined />
              </button>
            </li>
          ))}
        </ul>
      )}
      {value.length < MAX_APPLICATION_DOCUMENTS && (
        <button type="button" className="join-doc-add" onClick={() => input.current?.click()} disabled={disabled} data-testid="join-add-document">
          <PaperClipOutlined />
          {value.length === 0 ? t('join.addDocument') : t('join.addMore', { n: value.length, max: MAX_APPLICATION_DOCUMENTS })}
        </button>
      )}
      <input ref={input} type="file" accept={DOCUMENT_ACCEPT} multiple hidden onChange={(e) => pick(e.target.files)} data-testid="join-file-input" />
      {problems.map((p) => (
        <div key={`${p.key}:${p.name}`} className="join-field-error">
          {t(p.key, { name: p.name, max: MAX_APPLICATION_DOCUMENTS })}
        </div>
      ))}
    </div>
  );
}
