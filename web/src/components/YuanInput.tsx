import { InputNumber } from 'antd';

type Props = { value?: string | null; onChange?: (v: string | null) => void; id?: string; 'data-testid'?: string };

/** Money typed in yuan with two decimals, kept as a string so it converts to fen exactly. */
export function YuanInput(props: Props) {
  return <InputNumber<string> {...props} stringMode min="0" precision={2} step="100" prefix="¥" style={{ width: '100%' }} inputMode="decimal" />;
}
