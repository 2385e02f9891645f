// Original file: protos/messenger/message/v1/message.proto

export const ReceiptStatus = {
  RECEIPT_STATUS_UNSPECIFIED: 'RECEIPT_STATUS_UNSPECIFIED',
  RECEIPT_STATUS_DELIVERED: 'RECEIPT_STATUS_DELIVERED',
  RECEIPT_STATUS_READ: 'RECEIPT_STATUS_READ',
} as const;

export type ReceiptStatus =
  | 'RECEIPT_STATUS_UNSPECIFIED'
  | 0
  | 'RECEIPT_STATUS_DELIVERED'
  | 1
  | 'RECEIPT_STATUS_READ'
  | 2

export type ReceiptStatus__Output = typeof ReceiptStatus[keyof typeof ReceiptStatus]
