variable "environment" {
  default = "prod"
}

locals {
  prefix = "acme-ml-${var.environment}"
}

module "data_lake" {
  source = "./modules/data-lake"
  name   = "${local.prefix}-lake"
}

# Model artifacts: encrypted with a customer-managed key and fully blocked from public access.
resource "aws_kms_key" "models" {
  description         = "model artifacts"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "models" {
  bucket = "${local.prefix}-models"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "models" {
  bucket = aws_s3_bucket.models.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.models.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "models" {
  bucket                  = aws_s3_bucket.models.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# A "temporary" bucket to share an evaluation set with a partner: public, unencrypted.
resource "aws_s3_bucket" "eval_share" {
  bucket = "${local.prefix}-eval-share"
  acl    = "public-read"
}
