import type { HTMLAttributes } from 'react';
import { ICON_PATHS, type IconName } from './icon-paths';

type IconProps = HTMLAttributes<HTMLSpanElement> & { spin?: boolean };

/**
 * The public pages' icons: the same drawings as @ant-design/icons (same names, the same
 * `anticon` markup and sizing), from one small module instead of the icon runtime and a request
 * per icon. Decorative unless given an aria-label or a role, as antd's are labelled by name.
 */
function icon(name: IconName) {
  const [label, viewBox, paths] = ICON_PATHS[name];
  function Icon({ className, spin, ...rest }: IconProps) {
    return (
      <span role="img" aria-label={label} {...rest} className={`anticon anticon-${label}${spin ? ' anticon-spin' : ''}${className ? ` ${className}` : ''}`}>
        <svg viewBox={viewBox} width="1em" height="1em" fill="currentColor" aria-hidden="true" focusable="false">
          {paths.map((d) => (
            <path key={d.slice(0, 24)} d={d} />
          ))}
        </svg>
      </span>
    );
  }
  Icon.displayName = name;
  return Icon;
}

export const BarChartOutlined = icon('BarChartOutlined');
export const CarOutlined = icon('CarOutlined');
export const CheckCircleFilled = icon('CheckCircleFilled');
export const ClockCircleFilled = icon('ClockCircleFilled');
export const CloseCircleFilled = icon('CloseCircleFilled');
export const CloseOutlined = icon('CloseOutlined');
export const CopyOutlined = icon('CopyOutlined');
export const DeleteOutlined = icon('DeleteOutlined');
export const EnvironmentOutlined = icon('EnvironmentOutlined');
export const ExclamationCircleOutlined = icon('ExclamationCircleOutlined');
export const FileImageOutlined = icon('FileImageOutlined');
export const FilePdfOutlined = icon('FilePdfOutlined');
export const FileTextOutlined = icon('FileTextOutlined');
export const GiftFilled = icon('GiftFilled');
export const HeartFilled = icon('HeartFilled');
export const LeftOutlined = icon('LeftOutlined');
export const LockOutlined = icon('LockOutlined');
export const MinusOutlined = icon('MinusOutlined');
export const PaperClipOutlined = icon('PaperClipOutlined');
export const PlusOutlined = icon('PlusOutlined');
export const PrinterOutlined = icon('PrinterOutlined');
export const QrcodeOutlined = icon('QrcodeOutlined');
export const RightOutlined = icon('RightOutlined');
export const RollbackOutlined = icon('RollbackOutlined');
export const ShopOutlined = icon('ShopOutlined');
export const ShoppingCartOutlined = icon('ShoppingCartOutlined');
export const StarOutlined = icon('StarOutlined');
export const WarningOutlined = icon('WarningOutlined');
